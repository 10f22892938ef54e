Vagrant.configure("2") do |config|
  config.vm.box = "generic/alma9"

  if Vagrant.has_plugin?("vagrant-cachier")
    config.cache.scope = :box
  end

  unless Vagrant.has_plugin?("vagrant-libvirt")
    raise "vagrant-libvirt is required"
  end
end
