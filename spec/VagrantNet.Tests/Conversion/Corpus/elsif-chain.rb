PROFILE = ENV["PROFILE"] || "small"

Vagrant.configure("2") do |config|
  config.vm.box = "debian/bookworm64"

  config.vm.provider :libvirt do |lv|
    if PROFILE == "large"
      lv.memory = 8192
      lv.cpus = 4
    elsif PROFILE == "medium"
      lv.memory = 4096
      lv.cpus = 2
    else
      lv.memory = 1024
      lv.cpus = 1
    end
  end
end
